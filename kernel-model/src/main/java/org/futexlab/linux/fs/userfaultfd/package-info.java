/**
 * fs/userfaultfd.c: userfaultfd(2), its ioctls, and handle_userfault(), where a fault on a registered range
 * waits for its monitor (docs/model.md C); with the 2017 waken loop, or without it (the userfaultfd-waken-loop
 * variant).
 */
package org.futexlab.linux.fs.userfaultfd;
