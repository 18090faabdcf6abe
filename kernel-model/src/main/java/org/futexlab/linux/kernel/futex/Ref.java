package org.futexlab.linux.kernel.futex;

/** A C out-parameter ({@code struct futex_pi_state **ps}, {@code u32 *curval}). */
public final class Ref<T> {
    public T value;

    public Ref() {}

    public Ref(T value) {
        this.value = value;
    }
}
