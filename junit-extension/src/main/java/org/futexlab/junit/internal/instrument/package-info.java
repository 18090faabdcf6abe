/**
 * The Byte Buddy agent and the bytecode rewrite that turns synchronisation operations of instrumented packages into
 * scheduling points: the transformer, the class and method visitors, the catalog of rewritten JDK calls
 * ({@code CallRewrites}) and the scope of instrumented packages. Not an API.
 */
package org.futexlab.junit.internal.instrument;
