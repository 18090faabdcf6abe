/**
 * The main class of a forked run: the JUnit Platform on the project's own test class path, with the run's settings
 * as configuration parameters. Nothing of Maven is on the fork's class path.
 */
package org.futexlab.maven.fork;
