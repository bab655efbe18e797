package dev.wspair.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code GET /threads}: the server's process id on the first line, then one line per live thread:
 * its name, a tab, its context class loader, a tab, and that loader's identity hash. Deployed without wspair, to look at the server
 * from outside the application under test.
 */
@WebServlet("/threads")
public class ThreadsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println(ProcessHandle.current().pid());
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ClassLoader loader = thread.getContextClassLoader();
            out.println(thread.getName().replace('\n', ' ') + "\t" + loader + "\t" + System.identityHashCode(loader));
        }
    }
}
