/**
 * The vocabulary of scheduling points, below both the instrumentation that emits them and the scheduler that runs
 * them: the operation kinds and completion modes ({@code Op}) and the registry of instrumented call sites
 * ({@code Sites}). Not an API.
 */
package org.futexlab.junit.internal.ops;
