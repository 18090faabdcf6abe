/**
 * The contract between the extension and the tools that run a suite (the Maven plugin, a Gradle plugin, a merge of
 * shards): the description of every setting ({@link org.futexlab.junit.tooling.Setting},
 * {@link org.futexlab.junit.tooling.ToolSettings}), the per-scenario result a fork writes and a tool reads
 * ({@link org.futexlab.junit.tooling.ScenarioResult}, {@link org.futexlab.junit.tooling.ResultFiles}), the replay
 * token codec ({@link org.futexlab.junit.tooling.ReplayToken}) and the variant catalogs
 * ({@link org.futexlab.junit.tooling.VariantCatalog}). It depends on nothing else of Futex Lab.
 */
package org.futexlab.junit.tooling;
