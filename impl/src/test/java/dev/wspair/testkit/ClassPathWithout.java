package dev.wspair.testkit;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The test class path less the jars of an optional dependency, to run code as an application without it. */
public final class ClassPathWithout {

    private ClassPathWithout() {
    }

    /** A class loader over the test class path without the entries that contain any of {@code fragments}. */
    public static URLClassLoader loader(String... fragments) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank() && Arrays.stream(fragments).noneMatch(entry::contains)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
