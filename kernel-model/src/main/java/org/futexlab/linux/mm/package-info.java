/**
 * mm/: address spaces, VMAs with generation numbers, page-table entries with their dirty and young bits under
 * hardware or software tracking, user access (uaccess, in-atomic or with fault handling), the fault handler,
 * get_user_pages() and fixup_user_fault(), and the aging and writeback actor (docs/model.md 0.5, D).
 */
package org.futexlab.linux.mm;
