package org.futexlab.junit.internal.instrument;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A method visitor told once, just before the first code element. Code a rewrite adds at a method's entry with a
 * handler around the whole body must come there, not in {@code visitCode}: the method's own try-catch entries are
 * visited between the two, and the exception table must list them first (inner handlers before outer ones).
 * Subclasses that override another instruction callback call {@link #atCodeStart()} first.
 */
abstract class CodeStartVisitor extends MethodVisitor {
    private boolean started;

    CodeStartVisitor(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** The first code element is about to be visited. Called once. */
    abstract void beforeCode();

    final void atCodeStart() {
        if (!started) {
            started = true;
            beforeCode();
        }
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        atCodeStart();
        super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLabel(Label label) {
        atCodeStart();
        super.visitLabel(label);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        atCodeStart();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        atCodeStart();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        atCodeStart();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        atCodeStart();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        atCodeStart();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        atCodeStart();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        atCodeStart();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        atCodeStart();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        atCodeStart();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitInsn(int opcode) {
        atCodeStart();
        super.visitInsn(opcode);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        atCodeStart();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        atCodeStart();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm,
            Object... bsmArgs) {
        atCodeStart();
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }
}
