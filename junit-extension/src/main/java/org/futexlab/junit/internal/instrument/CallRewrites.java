package org.futexlab.junit.internal.instrument;

import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.futexlab.junit.internal.ops.Op;

/**
 * The catalog of JDK calls that become a call to a hook of the same meaning ({@code Hooks}): which call, which hook,
 * and which kind of scheduling point. The visitor only emits what this decides; adding a modelled JDK method is one
 * entry here and one hook.
 */
final class CallRewrites {
    private static final String LOCK = "Ljava/util/concurrent/locks/Lock;";
    private static final String COND = "Ljava/util/concurrent/locks/Condition;";
    private static final String RWLOCK = "Ljava/util/concurrent/locks/ReadWriteLock;";
    private static final String THREAD = "Ljava/lang/Thread;";
    private static final String OBJ = "Ljava/lang/Object;";
    private static final String TIMEUNIT = "Ljava/util/concurrent/TimeUnit;";
    private static final Set<String> JDK_LOCKS = Set.of("java/util/concurrent/locks/ReentrantLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
            "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");
    private static final Set<String> JDK_CONDITIONS = Set.of(
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject",
            "java/util/concurrent/locks/AbstractQueuedLongSynchronizer$ConditionObject");

    /**
     * A call rewritten to a hook: the hook takes the call's receiver (if any) and arguments, then the site id.
     *
     * @param hook the hook method's name
     * @param hookDesc its descriptor
     * @param kind the scheduling point's kind, or 0 for none
     * @param op what the step does, for reports
     * @param castTo the type the original call returned, when the hook returns a supertype, or null
     * @param keepsCall whether the original call stays after the hook (LockSupport: the hook rewrites its last argument)
     * @param locks whether the hook is one of {@code LockHooks} (monitors and locks) rather than {@code Hooks}
     */
    record Rewrite(String hook, String hookDesc, int kind, String op, String castTo, boolean keepsCall,
            boolean locks) {}

    /** Tells whether a class the visitor meets, by internal name, is a subtype of a JDK type. */
    interface Subtypes {
        boolean isAssignableTo(String internalName, Class<?> type);
    }

    private final Subtypes subtypes;

    CallRewrites(Subtypes subtypes) {
        this.subtypes = subtypes;
    }

    /** @return the rewrite of a call instruction, or null when the call stays as it is */
    Rewrite of(int opcode, String owner, String name, String mdesc) {
        String op = simple(owner) + "." + name;
        boolean isStatic = opcode == Opcodes.INVOKESTATIC;
        String sig = name + mdesc;
        if (isStatic && owner.equals("java/util/concurrent/locks/LockSupport")) {
            return lockSupport(sig, op);
        }
        if (isStatic && owner.equals("java/lang/Thread")) {
            switch (sig) {
                case "yield()V": return plain("threadYield", "(I)V", Op.YIELD, op);
                case "sleep(J)V": return plain("sleep", "(JI)V", Op.SLEEP, op);
                case "sleep(JI)V": return plain("sleep", "(JII)V", Op.SLEEP, op);
                case "sleep(Ljava/time/Duration;)V": return plain("sleep", "(Ljava/time/Duration;I)V", Op.SLEEP, op);
                case "onSpinWait()V": return plain("onSpinWait", "(I)V", Op.SPIN, op);
                case "currentThread()Ljava/lang/Thread;": return plain("currentThread", "(I)" + THREAD, 0, op);
                case "interrupted()Z": return plain("interrupted", "(I)Z", Op.INTERRUPTED, op);
                case "holdsLock(Ljava/lang/Object;)Z": return plain("holdsLock", "(" + OBJ + "I)Z", 0, op);
                default: return null;
            }
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && isThread(owner)) {
            switch (sig) {
                case "start()V": return plain("start", "(" + THREAD + "I)V", Op.START, op);
                case "join()V": return plain("join", "(" + THREAD + "I)V", Op.JOIN, op);
                case "join(J)V": return plain("join", "(" + THREAD + "JI)V", Op.JOIN, op);
                case "join(JI)V": return plain("join", "(" + THREAD + "JII)V", Op.JOIN, op);
                case "join(Ljava/time/Duration;)Z":
                    return plain("join", "(" + THREAD + "Ljava/time/Duration;I)Z", Op.JOIN, op);
                case "interrupt()V": return plain("interrupt", "(" + THREAD + "I)V", Op.INTERRUPT, op);
                case "isInterrupted()Z": return plain("isInterrupted", "(" + THREAD + "I)Z", Op.INTERRUPTED, op);
                case "isAlive()Z": return plain("isAlive", "(" + THREAD + "I)Z", Op.IS_ALIVE, op);
                default: // a Thread's wait and notify are Object's, below
            }
        }
        if (isStatic && owner.equals("java/lang/System")) {
            switch (sig) {
                case "nanoTime()J": return plain("nanoTime", "(I)J", Op.CLOCK, op);
                case "currentTimeMillis()J": return plain("currentTimeMillis", "(I)J", Op.CLOCK, op);
                default: return null;
            }
        }
        if (isStatic) {
            return null;
        }
        if (opcode != Opcodes.INVOKESPECIAL || owner.equals("java/lang/Object")) {
            switch (sig) {
                case "wait()V": return lock("wait", "(" + OBJ + "I)V", Op.WAIT, "Object.wait");
                case "wait(J)V": return lock("wait", "(" + OBJ + "JI)V", Op.WAIT, "Object.wait");
                case "wait(JI)V": return lock("wait", "(" + OBJ + "JII)V", Op.WAIT, "Object.wait");
                case "notify()V": return lock("notify", "(" + OBJ + "I)V", Op.NOTIFY, "Object.notify");
                case "notifyAll()V": return lock("notifyAll", "(" + OBJ + "I)V", Op.NOTIFY_ALL, "Object.notifyAll");
                default:
            }
        }
        if (opcode == Opcodes.INVOKESPECIAL) {
            return null;
        }
        if (isLock(opcode, owner)) {
            switch (sig) {
                case "lock()V": return lock("lock", "(" + LOCK + "I)V", Op.LOCK, op);
                case "lockInterruptibly()V": return lock("lockInterruptibly", "(" + LOCK + "I)V", Op.LOCK, op);
                case "tryLock()Z": return lock("tryLock", "(" + LOCK + "I)Z", Op.TRY_LOCK, op);
                case "tryLock(JLjava/util/concurrent/TimeUnit;)Z":
                    return lock("tryLock", "(" + LOCK + "J" + TIMEUNIT + "I)Z", Op.LOCK, op);
                case "unlock()V": return lock("unlock", "(" + LOCK + "I)V", Op.UNLOCK, op);
                default:
                    if (name.equals("newCondition") && mdesc.startsWith("()")) {
                        return new Rewrite("newCondition", "(" + LOCK + "I)" + COND, 0, op,
                                Type.getReturnType(mdesc).getInternalName(), false, true);
                    }
            }
        }
        if ((name.equals("readLock") || name.equals("writeLock")) && mdesc.startsWith("()")
                && (owner.equals("java/util/concurrent/locks/ReadWriteLock")
                        || owner.equals("java/util/concurrent/locks/ReentrantReadWriteLock"))) {
            return new Rewrite(name, "(" + RWLOCK + "I)" + LOCK, 0, op, Type.getReturnType(mdesc).getInternalName(),
                    false, true);
        }
        if (isCondition(opcode, owner)) {
            switch (sig) {
                case "await()V": return lock("await", "(" + COND + "I)V", Op.AWAIT, op);
                case "await(JLjava/util/concurrent/TimeUnit;)Z":
                    return lock("await", "(" + COND + "J" + TIMEUNIT + "I)Z", Op.AWAIT, op);
                case "awaitNanos(J)J": return lock("awaitNanos", "(" + COND + "JI)J", Op.AWAIT, op);
                case "awaitUninterruptibly()V": return lock("awaitUninterruptibly", "(" + COND + "I)V", Op.AWAIT, op);
                case "awaitUntil(Ljava/util/Date;)Z":
                    return lock("awaitUntil", "(" + COND + "Ljava/util/Date;I)Z", Op.AWAIT, op);
                case "signal()V": return lock("signal", "(" + COND + "I)V", Op.SIGNAL, op);
                case "signalAll()V": return lock("signalAll", "(" + COND + "I)V", Op.SIGNAL_ALL, op);
                default:
            }
        }
        return null;
    }

    private static Rewrite plain(String hook, String hookDesc, int kind, String op) {
        return new Rewrite(hook, hookDesc, kind, op, null, false, false);
    }

    private static Rewrite lock(String hook, String hookDesc, int kind, String op) {
        return new Rewrite(hook, hookDesc, kind, op, null, false, true);
    }

    /**
     * LockSupport calls keep the original call, and a hook rewrites its last argument just before it: outside a
     * controlled run the argument passes through unchanged, inside one the hook does the controlled park or unpark
     * and hands the real call an argument that makes it a no-op (a zero timeout, a past deadline, a null thread;
     * for an untimed park, a permit granted to the current thread first). The call staying in the caller's bytecode
     * is what lets another bytecode-level checker that instruments after us (Lincheck) see and manage it: a call
     * made from inside the hooks, which live on the boot class path, would be invisible to it.
     */
    private static Rewrite lockSupport(String sig, String op) {
        switch (sig) {
            case "park()V": case "park(Ljava/lang/Object;)V":
                return new Rewrite("parking", "(I)V", Op.PARK, op, null, true, false);
            case "parkNanos(J)V": case "parkNanos(Ljava/lang/Object;J)V":
                return new Rewrite("parkingNanos", "(JI)J", Op.PARK, op, null, true, false);
            case "parkUntil(J)V": case "parkUntil(Ljava/lang/Object;J)V":
                return new Rewrite("parkingUntil", "(JI)J", Op.PARK, op, null, true, false);
            case "unpark(Ljava/lang/Thread;)V":
                return new Rewrite("unparking", "(" + THREAD + "I)" + THREAD, Op.UNPARK, op, null, true, false);
            default:
                return null;
        }
    }

    private boolean isThread(String owner) {
        return owner.equals("java/lang/Thread") || !owner.startsWith("java/")
                && subtypes.isAssignableTo(owner, Thread.class);
    }

    private boolean isLock(int opcode, String owner) {
        if (owner.equals("java/util/concurrent/locks/Lock") || JDK_LOCKS.contains(owner)) {
            return true;
        }
        return opcode == Opcodes.INVOKEVIRTUAL && !owner.startsWith("java/")
                && subtypes.isAssignableTo(owner, Lock.class);
    }

    private boolean isCondition(int opcode, String owner) {
        if (owner.equals("java/util/concurrent/locks/Condition") || JDK_CONDITIONS.contains(owner)) {
            return true;
        }
        return opcode == Opcodes.INVOKEVIRTUAL && !owner.startsWith("java/")
                && subtypes.isAssignableTo(owner, Condition.class);
    }

    static String simple(String internal) {
        return internal.substring(internal.lastIndexOf('/') + 1);
    }
}
