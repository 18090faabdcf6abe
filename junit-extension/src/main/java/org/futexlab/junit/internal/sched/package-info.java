/**
 * The controlled scheduler, as loom's {@code rt} is laid out: a small execution core ({@code Run}: the scheduling
 * point, the decision, the step's effect), the hand-off of the turn between carriers ({@code Handoff}), the view a
 * chooser gets ({@code Decision}), one model per family of JDK primitives ({@code Memory}, {@code Parking},
 * {@code Monitors}, {@code Locks}, {@code ThreadOps}, {@code VirtualClock}, {@code Fairness}), the reports of a run
 * that cannot finish ({@code Stuck}) and the carriers of logical threads ({@code Carriers}). Not an API.
 */
package org.futexlab.junit.internal.sched;
