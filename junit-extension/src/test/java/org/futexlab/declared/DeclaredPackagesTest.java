package org.futexlab.declared;

import static org.assertj.core.api.Assertions.assertThat;

import org.futexlab.junit.Exploration;
import org.futexlab.junit.FutexLab;
import org.futexlab.junit.Settings;
import org.futexlab.junit.internal.instrument.FutexAgent;
import org.junit.jupiter.api.Test;

class DeclaredPackagesTest {
    @Test
    void aPackageDeclaredOnTheClassPathIsInstrumentedWithoutBeingNamed() {
        Exploration e = FutexLab.explore("declared lost update", Settings.defaults().schedules(200), s -> {
            LostUpdate u = new LostUpdate();
            s.thread("a", u::increment);
            s.thread("b", u::increment);
            s.check("both increments count", () -> assertThat(u.get()).isEqualTo(2));
        });
        assertThat(FutexAgent.scope().packages()).contains("org.futexlab.declared");
        assertThat(FutexAgent.isRewritten(LostUpdate.class)).isTrue();
        assertThat(e.passed()).as(e.report()).isFalse();
        assertThat(e.failure().orElseThrow().headline()).contains("both increments count");
    }
}
