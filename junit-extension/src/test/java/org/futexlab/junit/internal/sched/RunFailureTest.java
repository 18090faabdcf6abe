package org.futexlab.junit.internal.sched;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failure's message beyond its first line moves below the headline once, however often lines are added. */
class RunFailureTest {
    @Test
    void moreDetailsDoNotRepeatTheMessagesTail() {
        RunFailure f = new RunFailure(RunFailure.Kind.EXCEPTION, "t", new IllegalStateException("first\nsecond"),
                "");
        assertThat(f.headline()).isEqualTo("uncaught exception in thread t: java.lang.IllegalStateException: first");
        assertThat(f.details).isEqualTo("second");

        RunFailure more = f.withDetails("threads left running after the run: pool-1").withDetails("check fails");
        assertThat(more.details).isEqualTo("second\nthreads left running after the run: pool-1\ncheck fails");
        assertThat(more.kind).isEqualTo(f.kind);
        assertThat(more.error).isSameAs(f.error);
        assertThat(new RunFailure(RunFailure.Kind.LEAK, null, null, "").withDetails("x").details).isEqualTo("x");
    }
}
