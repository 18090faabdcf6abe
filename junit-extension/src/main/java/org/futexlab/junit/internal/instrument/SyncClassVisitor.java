package org.futexlab.junit.internal.instrument;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** Class-level half of the rewrite: collects what methods need (own volatile fields, source file) and unfolds
 * synchronized methods when the class is being loaded (a retransformation may not change modifiers). */
final class SyncClassVisitor extends ClassVisitor {
    final ClassLoader loader;
    final TypeResolver types;
    /** Which JDK calls become hooks. */
    final CallRewrites rewrites;
    private final Map<String, Integer> maxLocals;
    private final boolean unfoldSynchronized;
    String className;
    String dottedName;
    String sourceFile;
    int version;
    final Set<String> ownVolatiles = new HashSet<>();
    final Set<String> ownFinals = new HashSet<>();
    /** Bridges for method references to JDK synchronisation methods, or null when methods may not be added. */
    final MethodReferenceBridges bridges;
    private boolean isInterface;

    SyncClassVisitor(ClassVisitor next, ClassLoader loader, TypeResolver types, Map<String, Integer> maxLocals,
            boolean unfoldSynchronized, boolean bridges) {
        super(Opcodes.ASM9, next);
        this.loader = loader;
        this.types = types;
        this.rewrites = new CallRewrites((owner, type) -> types.isAssignableTo(loader, owner, type));
        this.maxLocals = maxLocals;
        this.unfoldSynchronized = unfoldSynchronized;
        this.bridges = bridges ? new MethodReferenceBridges() : null;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
            String[] interfaces) {
        this.version = version;
        this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        this.className = name;
        this.dottedName = name.replace('/', '.');
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        this.sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
        if ((access & Opcodes.ACC_VOLATILE) != 0) {
            ownVolatiles.add(name);
        }
        if ((access & Opcodes.ACC_FINAL) != 0) {
            ownFinals.add(name);
        }
        return super.visitField(access, name, desc, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        boolean sync = (access & Opcodes.ACC_SYNCHRONIZED) != 0
                && (access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) == 0;
        // Stack map frames (needed for the unfolded method's handler) exist from class file version 50 on.
        boolean unfold = sync && unfoldSynchronized && (version & 0xFFFF) >= Opcodes.V1_6;
        int acc = unfold ? access & ~Opcodes.ACC_SYNCHRONIZED : access;
        MethodVisitor mv = super.visitMethod(acc, name, desc, signature, exceptions);
        if (mv == null || (access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0) {
            return mv;
        }
        Integer locals = maxLocals.get(name + desc);
        return new SyncMethodVisitor(mv, this, access, name, desc, locals == null ? 0 : locals, unfold,
                sync && !unfold);
    }

    @Override
    public void visitEnd() {
        if (bridges != null) {
            bridges.emit(this, maxLocals);
        }
        super.visitEnd();
    }

    /** @return whether method references may be bridged here: at load, and private interface methods exist (v52) */
    boolean canBridge() {
        return bridges != null && (!isInterface || (version & 0xFFFF) >= Opcodes.V1_8);
    }

    boolean isInterface() {
        return isInterface;
    }

    /** @return whether a field never changes once its constructor or class initializer ran */
    boolean isFinal(String owner, String field) {
        if (owner.equals(className)) {
            return ownFinals.contains(field) || !ownVolatiles.contains(field) && types.isFinal(loader, owner, field);
        }
        return types.isFinal(loader, owner, field);
    }

    /** @return whether the class file has stack map frames (version 50 on), which a new handler needs */
    boolean hasFrames() {
        return (version & 0xFFFF) >= Opcodes.V1_6;
    }

    boolean isVolatile(String owner, String field) {
        if (owner.equals(className)) {
            return ownVolatiles.contains(field) || types.isVolatile(loader, owner, field);
        }
        return types.isVolatile(loader, owner, field);
    }
}
