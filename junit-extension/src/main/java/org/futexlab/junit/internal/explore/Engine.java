package org.futexlab.junit.internal.explore;

import java.util.List;
import org.futexlab.junit.Exploration;
import org.futexlab.junit.ExplorationEngine;
import org.futexlab.junit.ScenarioBody;
import org.futexlab.junit.Settings;
import org.futexlab.junit.tooling.ReplayToken;

/** The engine behind the API, registered in {@code META-INF/services/org.futexlab.junit.ExplorationEngine}. */
public final class Engine implements ExplorationEngine {
    @Override
    public Exploration explore(String id, List<String> packages, Settings settings, ReplayToken token,
            ScenarioBody body) {
        return Explorer.explore(id, packages, settings, token, body);
    }
}
