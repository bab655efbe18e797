package dev.wspair.it.cluster;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /hz-where: which class loader and jar give this WAR com.hazelcast.core.Hazelcast (a scratch check, not in the project). */
@WebServlet("/hz-where")
public class HzWhere extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder out = new StringBuilder();
        ClassLoader war = HzWhere.class.getClassLoader();
        out.append("war loader: ").append(war).append('\n');
        for (String name : new String[] {"com.hazelcast.core.Hazelcast", "com.hazelcast.instance.BuildInfoProvider",
                "dev.wspair.cluster.Cluster"}) {
            try {
                Class<?> c = Class.forName(name, false, war);
                out.append(name).append(" <- ").append(c.getClassLoader()).append(" @ ")
                        .append(c.getProtectionDomain().getCodeSource() == null ? "?" : c.getProtectionDomain().getCodeSource().getLocation())
                        .append('\n');
            } catch (Throwable t) {
                out.append(name).append(": ").append(t).append('\n');
            }
        }
        try {
            Class<?> b = Class.forName("com.hazelcast.instance.BuildInfoProvider", true, war);
            Object info = b.getMethod("getBuildInfo").invoke(null);
            out.append("hazelcast version: ").append(info.getClass().getMethod("getVersion").invoke(info)).append('\n');
        } catch (Throwable t) {
            out.append("version: ").append(t).append('\n');
        }
        out.append("hazelcast instances (war's class): ");
        try {
            Class<?> h = Class.forName("com.hazelcast.core.Hazelcast", true, war);
            out.append(h.getMethod("getAllHazelcastInstances").invoke(null));
        } catch (Throwable t) {
            out.append(t);
        }
        out.append('\n');
        resp.setContentType("text/plain");
        resp.getWriter().write(out.toString());
    }
}
