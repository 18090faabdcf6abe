package com.example.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTest {
    @Test
    void arithmetic() {
        assertEquals(4, 2 + 2);
    }
}
