package io.github.softmax4j.internal;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Holds the kernel that every public method uses, chosen once when this class is initialized: the
 * {@code VectorKernel} when the {@code jdk.incubator.vector} module is in the boot layer (the JVM was
 * started with {@code --add-modules jdk.incubator.vector}) and the system property
 * {@code softmax4j.vectorize} is not {@code false}; the {@link ScalarKernel} otherwise. The vector kernel's
 * class is loaded by name only in the first case, so a JVM without the module never touches it.
 */
public final class Kernels {
    private Kernels() {}

    static final String PROPERTY = "softmax4j.vectorize";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL = "io.github.softmax4j.internal.VectorKernel";

    private static final SoftmaxKernel KERNEL = choose(System.getProperty(PROPERTY),
            ModuleLayer.boot().findModule(VECTOR_MODULE), System.getLogger("io.github.softmax4j"));

    /** Returns the kernel in use. */
    public static SoftmaxKernel get() {
        return KERNEL;
    }

    /**
     * Chooses the kernel for a value of the {@code softmax4j.vectorize} property (null when unset) and the
     * vector module as found in the boot layer, and logs the choice at DEBUG to {@code log}.
     */
    static SoftmaxKernel choose(String vectorize, Optional<Module> vectorModule, System.Logger log) {
        String reason;
        if ("false".equalsIgnoreCase(vectorize)) {
            reason = PROPERTY + "=false";
        } else if (vectorModule.isEmpty()) {
            reason = VECTOR_MODULE + " is not available (run with --add-modules " + VECTOR_MODULE + ")";
        } else {
            try {
                // the module does not declare jdk.incubator.vector (so that it resolves without it): read it now
                Kernels.class.getModule().addReads(vectorModule.get());
                SoftmaxKernel kernel = (SoftmaxKernel) Class.forName(VECTOR_KERNEL).getDeclaredConstructor().newInstance();
                log.log(Level.DEBUG, "softmax4j uses the {0}", kernel);
                return kernel;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                reason = "the vector kernel failed to load: " + e;
            }
        }
        log.log(Level.DEBUG, "softmax4j uses the {0}: {1}", ScalarKernel.INSTANCE, reason);
        return ScalarKernel.INSTANCE;
    }
}
