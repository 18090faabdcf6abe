package org.futexlab.junit.internal.instrument;

import org.futexlab.junit.internal.ops.Sites;
import java.util.Set;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.futexlab.junit.internal.ops.Op;

/**
 * Method-level half of the rewrite. Several shapes of change, none of which adds a branch (so the method's own
 * stack map frames stay valid):
 * <ul>
 *   <li>a call to a blocking or thread-structural JDK method becomes a call to the hook of the same name, with
 *       the receiver as first argument and the site id appended;</li>
 *   <li>an atomic, field-updater, VarHandle or volatile-field access gets a hook call just before it, passing the
 *       object accessed (arguments are parked in fresh locals above the method's own to reach the receiver);</li>
 *   <li>monitorenter/monitorexit lock the object the hook returns, and a synchronized method is unfolded into an
 *       explicit enter, exits before each return, and a catch-all handler (whose frame is derived from the
 *       method descriptor alone);</li>
 *   <li>a plain (non-volatile, non-final) field access and an array element access get a hook call just before
 *       them, for the race detector: they are not scheduling points;</li>
 *   <li>a class initializer is bracketed by hooks (start, end before each return and in a catch-all handler):
 *       nothing it runs is a scheduling point, so the first schedule, which initializes the classes it meets,
 *       takes the same steps as every other.</li>
 * </ul>
 */
final class SyncMethodVisitor extends CodeStartVisitor {
    static final String HOOKS = "org/futexlab/junit/internal/runtime/Hooks";
    static final String LOCK_HOOKS = "org/futexlab/junit/internal/runtime/LockHooks";
    private static final String OBJ = "Ljava/lang/Object;";
    private static final Set<String> ATOMIC_READS = Set.of("get", "getPlain", "getOpaque", "getAcquire",
            "getReference", "getStamp", "isMarked", "intValue", "longValue", "floatValue", "doubleValue",
            "byteValue", "shortValue", "sum", "toString", "getVolatile");
    private static final Set<String> ATOMIC_WRITES = Set.of("set", "lazySet", "setPlain", "setOpaque",
            "setRelease", "setVolatile");
    private static final Set<String> NOT_SYNC = Set.of("<init>", "length", "getClass", "hashCode", "equals",
            "newUpdater", "notify", "notifyAll", "wait");
    private static final Set<String> VARHANDLE_OPS = Set.of("get", "set", "getVolatile", "setVolatile",
            "getOpaque", "setOpaque", "getAcquire", "setRelease", "compareAndSet", "compareAndExchange",
            "compareAndExchangeAcquire", "compareAndExchangeRelease", "weakCompareAndSetPlain", "weakCompareAndSet",
            "weakCompareAndSetAcquire", "weakCompareAndSetRelease", "getAndSet", "getAndSetAcquire",
            "getAndSetRelease", "getAndAdd", "getAndAddAcquire", "getAndAddRelease", "getAndBitwiseOr",
            "getAndBitwiseOrAcquire", "getAndBitwiseOrRelease", "getAndBitwiseAnd", "getAndBitwiseAndAcquire",
            "getAndBitwiseAndRelease", "getAndBitwiseXor", "getAndBitwiseXorAcquire", "getAndBitwiseXorRelease");

    private final SyncClassVisitor cv;
    private final int access;
    private final String methodName;
    private final String desc;
    private final int firstFreeLocal;
    private final boolean unfold;
    private final boolean guard;
    private final boolean inInit;
    private final boolean classInit;
    private boolean thisInitialized;
    private int pendingNews;
    private int line;
    private Label start;
    private Label end;
    private Label handler;

    SyncMethodVisitor(MethodVisitor next, SyncClassVisitor cv, int access, String name, String desc,
            int maxLocals, boolean unfold, boolean guard) {
        super(next);
        this.cv = cv;
        this.access = access;
        this.methodName = cv.bridges == null ? name : cv.bridges.origin(name);
        this.desc = desc;
        this.firstFreeLocal = maxLocals;
        this.unfold = unfold;
        this.guard = guard;
        this.inInit = name.equals("<init>");
        this.thisInitialized = !inInit;
        this.classInit = name.equals("<clinit>") && cv.hasFrames();
    }

    private int site(int kind, String op, Object staticLoc) {
        return Sites.register(cv.dottedName, methodName, cv.sourceFile, line, kind, op, staticLoc);
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            super.visitLdcInsn(v);
        }
    }

    private void hook(String name, String hookDesc) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, hookDesc, false);
    }

    private void lockHook(String name, String hookDesc) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, LOCK_HOOKS, name, hookDesc, false);
    }

    private boolean isStatic() {
        return (access & Opcodes.ACC_STATIC) != 0;
    }

    private void pushLock() {
        if (isStatic()) {
            super.visitLdcInsn(Type.getObjectType(cv.className));
        } else {
            super.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    @Override
    void beforeCode() {
        if (guard) {
            pushInt(site(0, "synchronized method " + methodName, null));
            lockHook("unsupportedSynchronizedMethod", "(I)V");
        }
        if (classInit) {
            start = new Label();
            end = new Label();
            handler = new Label();
            super.visitTryCatchBlock(start, end, handler, null);
            hook("classInitStart", "()V");
            super.visitLabel(start);
        }
        if (unfold) {
            start = new Label();
            end = new Label();
            handler = new Label();
            super.visitTryCatchBlock(start, end, handler, null);
            pushLock();
            pushInt(site(Op.MONITOR_ENTER, "enter synchronized " + methodName, null));
            lockHook("monitorEnter", "(" + OBJ + "I)" + OBJ);
            super.visitInsn(Opcodes.MONITORENTER);
            super.visitLabel(start);
        }
    }

    private void unfoldedExit() {
        pushLock();
        pushInt(site(Op.MONITOR_EXIT, "exit synchronized " + methodName, null));
        lockHook("monitorExit", "(" + OBJ + "I)" + OBJ);
        super.visitInsn(Opcodes.MONITOREXIT);
    }

    @Override
    public void visitLineNumber(int lineNumber, Label label) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, label);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        atCodeStart();
        if (opcode == Opcodes.NEW) {
            pendingNews++;
        }
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm,
            Object... bsmArgs) {
        atCodeStart();
        if (cv.canBridge() && MethodReferenceBridges.bridgeable(bsm, bsmArgs)) {
            bsmArgs = cv.bridges.redirect(cv.className, cv.isInterface(), bsmArgs, methodName, line);
        }
        super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }

    @Override
    public void visitInsn(int opcode) {
        atCodeStart();
        if (unfold && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            unfoldedExit();
        } else if (classInit && opcode == Opcodes.RETURN) {
            super.visitLdcInsn(Type.getObjectType(cv.className));
            hook("classInitialized", "(Ljava/lang/Class;)V");
            hook("classInitEnd", "()V");
        } else if (opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD) {
            // [array, index]: the hook sees both and leaves them
            super.visitInsn(Opcodes.DUP2);
            pushInt(site(Op.PLAIN_READ, "array element read", null));
            hook("arrayRead", "(" + OBJ + "II)V");
        } else if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
            // [array, index, value]: the value waits in a fresh local while the hook sees the array and index
            Type t = arrayElement(opcode);
            super.visitVarInsn(t.getOpcode(Opcodes.ISTORE), firstFreeLocal);
            super.visitInsn(Opcodes.DUP2);
            pushInt(site(Op.PLAIN_WRITE, "array element write", null));
            hook("arrayWrite", "(" + OBJ + "II)V");
            super.visitVarInsn(t.getOpcode(Opcodes.ILOAD), firstFreeLocal);
        } else if (opcode == Opcodes.MONITORENTER) {
            pushInt(site(Op.MONITOR_ENTER, "monitor enter", null));
            lockHook("monitorEnter", "(" + OBJ + "I)" + OBJ);
        } else if (opcode == Opcodes.MONITOREXIT) {
            pushInt(site(Op.MONITOR_EXIT, "monitor exit", null));
            lockHook("monitorExit", "(" + OBJ + "I)" + OBJ);
        }
        super.visitInsn(opcode);
    }

    private static Type arrayElement(int storeOpcode) {
        switch (storeOpcode) {
            case Opcodes.LASTORE: return Type.LONG_TYPE;
            case Opcodes.FASTORE: return Type.FLOAT_TYPE;
            case Opcodes.DASTORE: return Type.DOUBLE_TYPE;
            case Opcodes.AASTORE: return Type.getType(OBJ);
            default: return Type.INT_TYPE; // IASTORE, BASTORE, CASTORE, SASTORE
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (classInit) {
            super.visitLabel(end);
            super.visitLabel(handler);
            super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
            hook("classInitEnd", "()V");
            super.visitInsn(Opcodes.ATHROW);
        }
        if (unfold) {
            super.visitLabel(end);
            super.visitLabel(handler);
            Object[] locals = entryLocals();
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
            unfoldedExit();
            super.visitInsn(Opcodes.ATHROW);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /** The verification types of the locals at method entry: this and the parameters. */
    private Object[] entryLocals() {
        Type[] args = Type.getArgumentTypes(desc);
        Object[] out = new Object[args.length + (isStatic() ? 0 : 1)];
        int i = 0;
        if (!isStatic()) {
            out[i++] = cv.className;
        }
        for (Type t : args) {
            switch (t.getSort()) {
                case Type.BOOLEAN:
                case Type.BYTE:
                case Type.CHAR:
                case Type.SHORT:
                case Type.INT:
                    out[i++] = Opcodes.INTEGER;
                    break;
                case Type.FLOAT:
                    out[i++] = Opcodes.FLOAT;
                    break;
                case Type.LONG:
                    out[i++] = Opcodes.LONG;
                    break;
                case Type.DOUBLE:
                    out[i++] = Opcodes.DOUBLE;
                    break;
                case Type.ARRAY:
                    out[i++] = t.getDescriptor();
                    break;
                default:
                    out[i++] = t.getInternalName();
            }
        }
        return out;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String fieldDesc) {
        atCodeStart();
        if (!cv.isVolatile(owner, name)) {
            plainAccess(opcode, owner, name, fieldDesc);
        } else {
            boolean read = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC;
            String simple = owner.substring(owner.lastIndexOf('/') + 1);
            String op = "volatile " + simple + "." + name + (read ? " read" : " write");
            switch (opcode) {
                case Opcodes.GETFIELD:
                    super.visitInsn(Opcodes.DUP);
                    pushInt(site(Op.READ, op, null));
                    hook("access", "(" + OBJ + "I)V");
                    break;
                case Opcodes.PUTFIELD:
                    if (thisInitialized) {
                        beforePutField(fieldDesc, site(Op.WRITE, op, null), "access");
                    }
                    break;
                default:
                    pushInt(fieldSite(read ? Op.READ : Op.WRITE, op, owner, name, true));
                    hook("staticAccess", "(I)V");
            }
        }
        super.visitFieldInsn(opcode, owner, name, fieldDesc);
    }

    /**
     * Calls hook(holder, site) before a PUTFIELD: the value is parked in a fresh local to reach the holder beneath
     * it, and put back.
     */
    private void beforePutField(String fieldDesc, int site, String hookName) {
        Type t = Type.getType(fieldDesc);
        super.visitVarInsn(t.getOpcode(Opcodes.ISTORE), firstFreeLocal);
        super.visitInsn(Opcodes.DUP);
        pushInt(site);
        hook(hookName, "(" + OBJ + "I)V");
        super.visitVarInsn(t.getOpcode(Opcodes.ILOAD), firstFreeLocal);
    }

    /**
     * A plain field access: the race detector's hook, just before it. Final fields are left alone (they do not
     * change once published), as is a write to this object's fields before its super constructor ran.
     */
    private void plainAccess(int opcode, String owner, String name, String fieldDesc) {
        if (cv.isFinal(owner, name)) {
            return;
        }
        String simple = owner.substring(owner.lastIndexOf('/') + 1);
        switch (opcode) {
            case Opcodes.GETFIELD:
                super.visitInsn(Opcodes.DUP);
                pushInt(fieldSite(Op.PLAIN_READ, simple + "." + name + " read", owner, name, false));
                hook("read", "(" + OBJ + "I)V");
                break;
            case Opcodes.PUTFIELD:
                if (thisInitialized) {
                    beforePutField(fieldDesc, fieldSite(Op.PLAIN_WRITE, simple + "." + name + " write", owner, name,
                            false), "write");
                }
                break;
            case Opcodes.GETSTATIC:
                pushInt(fieldSite(Op.PLAIN_READ, "static " + simple + "." + name + " read", owner, name, true));
                hook("staticRead", "(I)V");
                break;
            default: // PUTSTATIC
                pushInt(fieldSite(Op.PLAIN_WRITE, "static " + simple + "." + name + " write", owner, name, true));
                hook("staticWrite", "(I)V");
        }
    }

    private int fieldSite(int kind, String op, String owner, String name, boolean isStatic) {
        return Sites.registerField(cv.dottedName, methodName, cv.sourceFile, line, kind, op, owner, name, isStatic);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String mdesc, boolean itf) {
        atCodeStart();
        if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && inInit && !thisInitialized) {
            if (pendingNews > 0) {
                pendingNews--;
            } else {
                thisInitialized = true;
            }
        }
        if (replace(opcode, owner, name, mdesc)) {
            return;
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && owner.startsWith("java/util/concurrent/atomic/")
                && !NOT_SYNC.contains(name)) {
            int kind = ATOMIC_READS.contains(name) ? Op.READ : ATOMIC_WRITES.contains(name) ? Op.WRITE : Op.RMW;
            boolean updater = owner.endsWith("FieldUpdater");
            beforeAccess(mdesc, updater ? Capture.ARG0 : Capture.RECEIVER,
                    site(kind, CallRewrites.simple(owner) + "." + name, null));
        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/invoke/VarHandle")
                && VARHANDLE_OPS.contains(name)) {
            int kind = name.startsWith("get") && !name.startsWith("getAnd") ? Op.READ
                    : name.startsWith("set") ? Op.WRITE : Op.RMW;
            beforeAccess(mdesc, Capture.VARHANDLE, site(kind, "VarHandle." + name, null));
        }
        super.visitMethodInsn(opcode, owner, name, mdesc, itf);
        if (opcode == Opcodes.INVOKEVIRTUAL && name.contains("ompareAndSet") && mdesc.endsWith(")Z")
                && (owner.startsWith("java/util/concurrent/atomic/") || owner.equals("java/lang/invoke/VarHandle"))) {
            // A failed compare-and-set wrote nothing: the fair scheduler must not count it as a change a spin
            // loop could be waiting for, or a correct CAS spin lock without onSpinWait would look like a livelock.
            super.visitInsn(Opcodes.DUP);
            hook("casResult", "(Z)V");
        }
    }

    private enum Capture { RECEIVER, ARG0, VARHANDLE }

    /** Parks the arguments in fresh locals, calls the access hook with the location, and restores them. */
    private void beforeAccess(String mdesc, Capture capture, int site) {
        Type[] args = Type.getArgumentTypes(mdesc);
        int[] slots = new int[args.length];
        int slot = firstFreeLocal;
        for (int i = 0; i < args.length; i++) {
            slots[i] = slot;
            slot += args[i].getSize();
        }
        for (int i = args.length - 1; i >= 0; i--) {
            super.visitVarInsn(args[i].getOpcode(Opcodes.ISTORE), slots[i]);
        }
        boolean arg0Ref = args.length > 0
                && (args[0].getSort() == Type.OBJECT || args[0].getSort() == Type.ARRAY);
        switch (capture) {
            case ARG0:
                if (arg0Ref) {
                    super.visitVarInsn(Opcodes.ALOAD, slots[0]);
                } else {
                    super.visitInsn(Opcodes.DUP);
                }
                pushInt(site);
                hook("access", "(" + OBJ + "I)V");
                break;
            case VARHANDLE:
                super.visitInsn(Opcodes.DUP);
                if (arg0Ref) {
                    super.visitVarInsn(Opcodes.ALOAD, slots[0]);
                } else {
                    super.visitInsn(Opcodes.ACONST_NULL);
                }
                pushInt(site);
                hook("varHandle", "(Ljava/lang/invoke/VarHandle;" + OBJ + "I)V");
                break;
            default:
                super.visitInsn(Opcodes.DUP);
                pushInt(site);
                hook("access", "(" + OBJ + "I)V");
        }
        for (int i = 0; i < args.length; i++) {
            super.visitVarInsn(args[i].getOpcode(Opcodes.ILOAD), slots[i]);
        }
    }

    /** Calls replaced by a hook of the same meaning; returns true when it emitted the replacement. */
    private boolean replace(int opcode, String owner, String name, String mdesc) {
        CallRewrites.Rewrite r = cv.rewrites.of(opcode, owner, name, mdesc);
        if (r == null) {
            return false;
        }
        pushInt(site(r.kind(), r.op(), null));
        super.visitMethodInsn(Opcodes.INVOKESTATIC, r.locks() ? LOCK_HOOKS : HOOKS, r.hook(), r.hookDesc(), false);
        if (r.keepsCall()) {
            super.visitMethodInsn(opcode, owner, name, mdesc, false);
        } else if (r.castTo() != null && !r.castTo().equals(Type.getReturnType(r.hookDesc()).getInternalName())) {
            super.visitTypeInsn(Opcodes.CHECKCAST, r.castTo());
        }
        return true;
    }
}
