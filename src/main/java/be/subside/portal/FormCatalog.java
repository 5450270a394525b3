package be.subside.portal;

import be.subside.shared.NotFoundException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The forms of forms/ (on the classpath, the same files the engine deploys), read once and checked at start-up. */
@Component
public class FormCatalog {

    private final Map<String, FormDefinition> forms;

    public FormCatalog() {
        Map<String, FormDefinition> read = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = resource.getInputStream()) {
                    FormDefinition form = FormDefinition.parse(json.readTree(in));
                    if (read.put(form.id(), form) != null) {
                        throw new UnsupportedFormException("Two forms have the id " + form.id());
                    }
                } catch (UnsupportedFormException e) {
                    throw new UnsupportedFormException(resource.getFilename() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read forms/", e);
        }
        this.forms = Collections.unmodifiableMap(read);
    }

    public FormDefinition get(String formId) {
        FormDefinition form = forms.get(formId);
        if (form == null) {
            throw new NotFoundException("form.unknown", "formId", "No form " + formId);
        }
        return form;
    }

    public Map<String, FormDefinition> all() {
        return forms;
    }
}
