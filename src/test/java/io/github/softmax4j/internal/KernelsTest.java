package io.github.softmax4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
    /** Each Surefire execution names the kernel it means to test; this run must be using it. */
    @Test
    void thisRunUsesTheExpectedKernel() {
        String expected = System.getProperty("softmax4j.expectedKernel");
        assumeTrue(expected != null, "run outside the build's Surefire executions");
        assertThat(Kernels.get().toString()).startsWith(expected + " kernel");
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(vectorModule).isEqualTo(expected.equals("vector"));
    }

    @Test
    void propertyFalseForcesTheScalarKernel() {
        assertThat(Kernels.choose("false")).isSameAs(ScalarKernel.INSTANCE);
        assertThat(Kernels.choose("FALSE")).isSameAs(ScalarKernel.INSTANCE);
    }

    @Test
    void withoutTheModuleTheVectorKernelIsNeverLoaded() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty());
        assertThat(Kernels.choose(null)).isSameAs(ScalarKernel.INSTANCE);
        assertThat(Kernels.choose("true")).isSameAs(ScalarKernel.INSTANCE);
    }

    @Test
    void withTheModuleTheVectorKernelIsChosenUnlessDisabled() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertThat(Kernels.choose(null).toString()).startsWith("vector kernel");
        assertThat(Kernels.choose("true").toString()).startsWith("vector kernel");
    }
}
