package org.futexlab.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.futexlab.junit.tooling.VariantCatalog;

/** What the goals share: the project's test class path and the variant catalogs on it. */
abstract class AbstractFutexMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** @return the module's test class path, in Maven's order */
    protected List<String> testClasspath() throws MojoExecutionException {
        try {
            return new ArrayList<>(project.getTestClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("cannot resolve the test class path of " + project.getId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A loader over the test class path, for reading catalogs and annotations; close it after use. */
    protected static URLClassLoader loader(List<String> classpath) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        for (String e : classpath) {
            try {
                urls.add(new File(e).toURI().toURL());
            } catch (MalformedURLException ex) {
                throw new MojoExecutionException("bad test class path element " + e, ex);
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    protected static VariantCatalog catalog(ClassLoader loader) throws MojoExecutionException {
        try {
            return VariantCatalog.load(loader);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
