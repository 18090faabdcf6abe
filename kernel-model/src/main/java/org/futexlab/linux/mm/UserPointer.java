package org.futexlab.linux.mm;

/**
 * A debug note of a pointer user space stored (see {@link MmStruct#pointerAt(long)}).
 *
 * @param width the pointer's width in bytes: 4 or 8
 * @param value the pointer as stored
 * @param generation the generation of the VMA it pointed into when it was stored, or -1 when nothing was mapped
 *     there
 */
public record UserPointer(int width, long value, long generation) {}
