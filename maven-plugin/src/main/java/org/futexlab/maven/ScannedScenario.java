package org.futexlab.maven;

import java.util.List;

/**
 * One scenario: a test class and method, the method's parameter types (for selecting it: a scenario may take
 * JUnit-resolved parameters besides its Scenario), and the variants it is written to catch.
 */
record ScannedScenario(String className, String method, String parameterTypes, List<String> detects) {
    /** @return the id the extension gives the scenario in its results and replay tokens */
    String id() {
        return className + "#" + method;
    }
}
