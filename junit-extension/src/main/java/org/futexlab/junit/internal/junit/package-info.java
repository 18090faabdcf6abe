/**
 * The JUnit Platform launcher session listener that installs the agent before test discovery and warns about
 * misspelt {@code futex.*} keys. Not an API.
 */
package org.futexlab.junit.internal.junit;
