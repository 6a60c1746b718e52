package org.hashbridge.node.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's: whatever the container
 * sends there (a status set with {@code sendError} outside Spring MVC, such as Tomcat's 405 for
 * {@code TRACE}, or an exception that escaped every handler) is answered as a problem with the status's
 * code. The answer is written directly, whatever the request's {@code Accept} says, and tells nothing
 * of an exception. Asked for directly, {@code /error} is a path like any other that does not exist: 404.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final JsonMapper json;

    ProblemErrorController(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer number ? number : HttpStatus.NOT_FOUND.value();
        Problems.write(json, response, Problems.forStatus(code));
    }
}
