package dev.arca.gateway.edge;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as Vault's JSON instead of an HTML page. Tomcat reports here what it refuses
 * before any servlet runs (a malformed request line, bad URI encoding, an encoded slash, headers over
 * the size limit, an unsupported transfer coding or HTTP version, CONNECT) and any error no servlet
 * answered. A method Tomcat does not implement is Vault's 405, as Vault answers every unknown method.
 */
public class VaultErrorReportValve extends ErrorReportValve {

    /**
     * Has {@code host} report errors with this valve instead of any other error report valve (Tomcat's
     * default, or the one Spring Boot adds): done as the host starts, once every customizer has run.
     */
    static void install(Host host) {
        host.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                replaceErrorReports(host);
            }
        });
    }

    private static void replaceErrorReports(Host host) {
        Pipeline pipeline = host.getPipeline();
        boolean installed = false;
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof VaultErrorReportValve) {
                installed = true;
            } else if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (!installed) {
            pipeline.addValve(new VaultErrorReportValve());
        }
        if (host instanceof StandardHost standard) {
            // Otherwise the starting host would add its default report valve next to this one.
            standard.setErrorReportValveClass(VaultErrorReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own report: nothing for a non-error, a body already started or an error already reported.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501 && !EdgeErrors.isVaultMethod(request.getMethod())) {
            status = 405;
            response.setStatus(status);
        }
        try {
            PrintWriter writer = response.getReporter();
            if (writer == null) {
                return;
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            writer.write(EdgeErrors.json(EdgeErrors.forStatus(status)));
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response cannot take a body: there is no one left to tell.
        }
    }
}
