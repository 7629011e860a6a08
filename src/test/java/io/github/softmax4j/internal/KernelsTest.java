package io.github.softmax4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class KernelsTest {
    private static final Optional<Module> VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector");

    /** Records what is logged, formatted, with its level. */
    private static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + MessageFormat.format(format, params));
        }
    }

    /** Each Surefire execution names the kernel it means to test; this run must be using it. */
    @Test
    void thisRunUsesTheExpectedKernel() {
        String expected = System.getProperty("softmax4j.expectedKernel");
        assumeTrue(expected != null, "run outside the build's Surefire executions");
        assertThat(Kernels.get().toString()).startsWith(expected + " kernel");
        assertThat(VECTOR_MODULE.isPresent()).isEqualTo(expected.equals("vector"));
    }

    @Test
    void propertyFalseForcesTheScalarKernel() {
        for (String value : new String[] {"false", "FALSE"}) {
            RecordingLogger log = new RecordingLogger();
            assertThat(Kernels.choose(value, VECTOR_MODULE, log)).isSameAs(ScalarKernel.INSTANCE);
            assertThat(log.lines).containsExactly("DEBUG softmax4j uses the scalar kernel: softmax4j.vectorize=false");
        }
    }

    @Test
    void withoutTheModuleTheVectorKernelIsNeverLoaded() {
        for (String value : new String[] {null, "true"}) {
            RecordingLogger log = new RecordingLogger();
            assertThat(Kernels.choose(value, Optional.empty(), log)).isSameAs(ScalarKernel.INSTANCE);
            assertThat(log.lines).containsExactly("DEBUG softmax4j uses the scalar kernel: jdk.incubator.vector is not"
                    + " available (run with --add-modules jdk.incubator.vector)");
        }
    }

    @Test
    void aVectorKernelThatFailsToLoadLeavesTheScalarKernel() {
        assumeTrue(VECTOR_MODULE.isEmpty());
        // a module is passed, but the JVM cannot link the vector kernel without jdk.incubator.vector
        RecordingLogger log = new RecordingLogger();
        assertThat(Kernels.choose(null, Optional.of(Object.class.getModule()), log)).isSameAs(ScalarKernel.INSTANCE);
        assertThat(log.lines).singleElement().asString()
                .startsWith("DEBUG softmax4j uses the scalar kernel: the vector kernel failed to load: ")
                .contains("jdk/incubator/vector");
    }

    @Test
    void withTheModuleTheVectorKernelIsChosenUnlessDisabled() {
        assumeTrue(VECTOR_MODULE.isPresent());
        for (String value : new String[] {null, "true"}) {
            RecordingLogger log = new RecordingLogger();
            SoftmaxKernel kernel = Kernels.choose(value, VECTOR_MODULE, log);
            assertThat(kernel.toString()).startsWith("vector kernel");
            assertThat(log.lines).containsExactly("DEBUG softmax4j uses the " + kernel);
        }
    }
}
