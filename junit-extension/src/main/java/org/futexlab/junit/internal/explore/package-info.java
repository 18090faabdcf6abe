/**
 * The exploration: the strategies that choose schedules (RANDOM, PCT, the exhaustive DPOR search), the loop that
 * runs them one at a time or several at once, shrinking, replay, the reports and the Lincheck bridge; the
 * implementation of {@code org.futexlab.junit.ExplorationEngine}. Not an API.
 */
package org.futexlab.junit.internal.explore;
