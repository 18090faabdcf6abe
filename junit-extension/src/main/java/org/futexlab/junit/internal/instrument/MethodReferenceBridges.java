package org.futexlab.junit.internal.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Method references to JDK synchronisation methods ({@code counter::incrementAndGet}, {@code latch::countDown},
 * {@code lock::unlock}) made interleavable. javac compiles such a reference to an invokedynamic whose
 * implementation is the JDK method itself; the call then happens in a class the JVM spins at run time, a hidden
 * class no transformer ever sees, so a thread whose body is the reference would run no scheduling point at all.
 * Pointing the lambda factory at a private static bridge in the class that holds the reference, which calls the
 * JDK method with an ordinary invoke instruction, puts the call where the rest of the rewrite finds it. This is
 * what javac itself emits for a lambda ({@code () -> counter.incrementAndGet()}).
 *
 * <p>Only at load: a retransformation may not add methods, so a class that writes scenarios gets its bridges as it
 * loads even when it joins the instrumented packages later ({@link #addTo}), and every later rewrite of it keeps
 * them. Serializable references (altMetafactory) keep their target, since their deserialization checks the
 * implementation method's name.
 */
final class MethodReferenceBridges {
    private static final String PREFIX = "futex$ref$";

    private record Bridge(String name, String desc, Handle target, String origin, int line) {}

    private final Map<Handle, Bridge> bridges = new LinkedHashMap<>();

    /** @return whether an invokedynamic with this bootstrap and arguments is a reference worth bridging */
    static boolean bridgeable(Handle bsm, Object[] bsmArgs) {
        if (!bsm.getOwner().equals("java/lang/invoke/LambdaMetafactory") || !bsm.getName().equals("metafactory")
                || bsmArgs.length < 3 || !(bsmArgs[1] instanceof Handle h)) {
            return false;
        }
        int tag = h.getTag();
        if (tag != Opcodes.H_INVOKEVIRTUAL && tag != Opcodes.H_INVOKEINTERFACE && tag != Opcodes.H_INVOKESTATIC) {
            return false;
        }
        String owner = h.getOwner();
        // The JDK classes whose calls the rewrite turns into scheduling points (CallRewrites, the atomics);
        // VarHandle's methods are signature-polymorphic and cannot be bridged with a fixed descriptor.
        return owner.startsWith("java/util/concurrent/") || owner.equals("java/lang/Thread")
                || owner.equals("java/lang/Object");
    }

    /** @return the bootstrap arguments with the implementation replaced by a bridge in host */
    Object[] redirect(String host, boolean hostIsInterface, Object[] bsmArgs, String origin, int line) {
        Handle target = (Handle) bsmArgs[1];
        Bridge b = bridges.computeIfAbsent(target, t -> {
            String desc = t.getTag() == Opcodes.H_INVOKESTATIC ? t.getDesc()
                    : "(L" + t.getOwner() + ";" + t.getDesc().substring(1);
            return new Bridge(PREFIX + bridges.size(), desc, t, origin, line);
        });
        Object[] out = bsmArgs.clone();
        out[1] = new Handle(Opcodes.H_INVOKESTATIC, host, b.name, b.desc, hostIsInterface);
        return out;
    }

    /**
     * Emits the bridges through cv (so the rewrite instruments their one call), recording each one's locals for
     * the visitor that parks arguments above them.
     */
    void emit(ClassVisitor cv, Map<String, Integer> maxLocals) {
        for (Bridge b : new ArrayList<>(bridges.values())) {
            Type[] args = Type.getArgumentTypes(b.desc);
            int slots = 0;
            for (Type a : args) {
                slots += a.getSize();
            }
            maxLocals.put(b.name + b.desc, slots);
            MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    b.name, b.desc, null, null);
            mv.visitCode();
            Label start = new Label();
            mv.visitLabel(start);
            mv.visitLineNumber(b.line, start);
            int slot = 0;
            for (Type a : args) {
                mv.visitVarInsn(a.getOpcode(Opcodes.ILOAD), slot);
                slot += a.getSize();
            }
            Handle t = b.target;
            int opcode = switch (t.getTag()) {
                case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
                default -> Opcodes.INVOKEVIRTUAL;
            };
            mv.visitMethodInsn(opcode, t.getOwner(), t.getName(), t.getDesc(), t.isInterface());
            mv.visitInsn(Type.getReturnType(b.desc).getOpcode(Opcodes.IRETURN));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }

    /**
     * Adds the bridges alone to a class outside the instrumented packages: the bridges call their JDK method
     * plainly until the class is rewritten with the rest.
     *
     * @return the class with its references bridged, or null when it has none
     */
    static byte[] addTo(byte[] bytes) {
        ClassReader cr = new ClassReader(bytes);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        MethodReferenceBridges bridges = new MethodReferenceBridges();
        cr.accept(new ClassVisitor(Opcodes.ASM9, cw) {
            private String host;
            private boolean itf;
            private boolean canBridge;

            @Override
            public void visit(int version, int access, String name, String sig, String superName, String[] ifs) {
                host = name;
                itf = (access & Opcodes.ACC_INTERFACE) != 0;
                canBridge = !itf || (version & 0xFFFF) >= Opcodes.V1_8;
                super.visit(version, access, name, sig, superName, ifs);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, desc, sig, ex)) {
                    private int line;

                    @Override
                    public void visitLineNumber(int l, Label start) {
                        line = l;
                        super.visitLineNumber(l, start);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... bsmArgs) {
                        if (canBridge && bridgeable(bsm, bsmArgs)) {
                            bsmArgs = bridges.redirect(host, itf, bsmArgs, name, line);
                        }
                        super.visitInvokeDynamicInsn(n, d, bsm, bsmArgs);
                    }
                };
            }

            @Override
            public void visitEnd() {
                bridges.emit(cv, new java.util.HashMap<>());
                super.visitEnd();
            }
        }, 0);
        return bridges.bridges.isEmpty() ? null : cw.toByteArray();
    }

    /** @return the method that wrote the reference a bridge stands for (reports name it), else name itself */
    String origin(String name) {
        for (Bridge b : bridges.values()) {
            if (b.name.equals(name)) {
                return b.origin;
            }
        }
        return name;
    }
}
