/**
 * futex-maven-plugin: {@code futex:verify} plans the runs (the baseline and one per variant), forks one JVM per run,
 * reads the results the forks leave through the extension's tooling contract, aggregates the variant matrix and
 * writes its reports; {@code futex:list} lists the variant catalogs. It uses only the extension's public packages.
 */
package org.futexlab.maven;
