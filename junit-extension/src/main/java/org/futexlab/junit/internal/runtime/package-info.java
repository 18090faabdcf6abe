/**
 * What rewritten code calls: {@code Hooks}, which does what the original instruction does outside a controlled run
 * and is a scheduling point inside one. Public because rewritten classes in any package call it; not an API.
 */
package org.futexlab.junit.internal.runtime;
