package org.futexlab.maven;

import java.io.IOException;
import java.net.URLClassLoader;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.futexlab.junit.tooling.VariantCatalog;

/**
 * {@code mvn futex:list}: the variants of the catalogs ({@code META-INF/futex/variants.properties}) on the
 * module's test class path, with their ids, titles, subsystems and the commits they revert.
 */
@Mojo(name = "list", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class ListMojo extends AbstractFutexMojo {
    @Override
    public void execute() throws MojoExecutionException {
        VariantCatalog catalog;
        try (URLClassLoader loader = loader(testClasspath())) {
            catalog = catalog(loader);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the variant catalogs: " + e, e);
        }
        if (catalog.isEmpty()) {
            getLog().info("No variants: no " + VariantCatalog.RESOURCE + " on the test class path of "
                    + project.getId());
            return;
        }
        getLog().info(VerifyReports.count(catalog.variants().size(), "variant") + " on the test class path of "
                + project.getId() + ":");
        for (VariantCatalog.Variant v : catalog.variants()) {
            getLog().info("");
            getLog().info(v.id());
            getLog().info("    " + v.title() + " [" + v.subsystem() + "]");
            getLog().info("    reverts    " + v.fix());
            if (v.introduced() != null && !v.introduced().isBlank()) {
                getLog().info("    introduced " + v.introduced());
            }
        }
    }
}
