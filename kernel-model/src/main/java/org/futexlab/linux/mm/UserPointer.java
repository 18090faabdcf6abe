package org.futexlab.linux.mm;

/**
 * A debug note of a pointer user space stored (see {@link MmStruct#pointerAt(long)}): its width in bytes, its
 * value, and the generation of the VMA it pointed into then (-1 when nothing was mapped there).
 */
public final class UserPointer {
    private final int width;
    private final long value;
    private final long generation;

    UserPointer(int width, long value, long generation) {
        this.width = width;
        this.value = value;
        this.generation = generation;
    }

    /** @return 4 or 8 */
    public int width() {
        return width;
    }

    public long value() {
        return value;
    }

    /** @return the generation of the VMA the pointer pointed into when it was stored, or -1 */
    public long generation() {
        return generation;
    }
}
