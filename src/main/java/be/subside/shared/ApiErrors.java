package be.subside.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Business errors as JSON: what is wrong ({@code code}, {@code message}) and which field, with a fitting status. */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Map<String, Object>> domain(DomainException e) {
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ForbiddenException ? HttpStatus.FORBIDDEN
                : e instanceof StateConflictException || e instanceof DeadlinePassedException ? HttpStatus.CONFLICT
                : HttpStatus.UNPROCESSABLE_ENTITY;
        Map<String, Object> body = body(e.code(), e.field(), e.getMessage());
        if (e instanceof HasDetails details) {
            body.put("details", details.details());
        }
        return ResponseEntity.status(status).body(body);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(body("document.tooLarge", "file", "The file is larger than the upload limit"));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class,
        MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badRequest(Exception e) {
        String field = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
                : e instanceof MissingServletRequestPartException m ? m.getRequestPartName()
                : e instanceof MethodArgumentTypeMismatchException m ? m.getName() : null;
        return ResponseEntity.badRequest().body(body("request.invalid", field, "Missing or invalid value for " + field));
    }

    private static Map<String, Object> body(String code, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("field", field);
        body.put("message", message);
        return body;
    }

    /** An error that lists several things, each of which the user must fix. */
    public interface HasDetails {
        List<String> details();
    }
}
