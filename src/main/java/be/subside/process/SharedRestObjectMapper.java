package be.subside.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * One {@link ObjectMapper} for Camunda's REST APIs (engine-rest and the webapps' engine API that Tasklist calls),
 * configured exactly as Camunda's {@link JacksonConfigurator} configures its own.
 *
 * <p>{@code JacksonConfigurator} builds a new mapper at every lookup, and a new mapper has no (de)serializers cached: each
 * request introspected its classes again. Reading the query that Tasklist sends with every page of a filter (a
 * {@code TaskQueryDto} of about a hundred properties) took 15 % of the request threads' CPU samples of that page in a
 * flight recording ({@code StaffTaskListBenchmark -Dbench.tasks.jfr=DIR}). A configured mapper is safe to share between
 * threads, and Jackson copies the date format for each use.
 *
 * <p>{@link Discovery} registers it in every Jersey application of the JVM. Jersey asks the resolvers of a type in
 * order and takes the first answer; this one is ranked ({@link Priority}) and {@code JacksonConfigurator} is not, so
 * it comes first whatever the order of registration ({@code SharedRestObjectMapperTest} checks that both APIs ask it).
 * If Camunda's date format is changed ({@link JacksonConfigurator#setDateFormatString}), the next lookup builds the
 * mapper again.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, Hal.APPLICATION_HAL_JSON})
@Priority(Priorities.USER)
public class SharedRestObjectMapper implements ContextResolver<ObjectMapper> {

    private static final AtomicLong LOOKUPS = new AtomicLong();

    /** Off only while an application runs with {@code subside.engine.tuning.enabled=false} (stock, for benchmarks). */
    private static volatile boolean serving = true;

    private static volatile Configured shared;

    private record Configured(String dateFormat, ObjectMapper mapper) {
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        if (!serving) {
            // no answer: Jersey asks the next resolver, Camunda's own
            return null;
        }
        LOOKUPS.incrementAndGet();
        String dateFormat = JacksonConfigurator.dateFormatString;
        Configured current = shared;
        if (current == null || !current.dateFormat().equals(dateFormat)) {
            current = new Configured(dateFormat, JacksonConfigurator.configureObjectMapper(new ObjectMapper()));
            shared = current;
        }
        return current.mapper();
    }

    /** How many times Jersey asked for a mapper here since the JVM started: it asks the first resolver that answers. */
    static long lookups() {
        return LOOKUPS.get();
    }

    /**
     * Present when the application runs without our engine tuning ({@code subside.engine.tuning.enabled=false}, the
     * benchmarks' stock configuration): Camunda's REST then gets a new mapper at every lookup, as it does by default.
     */
    @Component
    @ConditionalOnProperty(name = "subside.engine.tuning.enabled", havingValue = "false")
    static class Stock implements DisposableBean {

        Stock() {
            serving = false;
        }

        @Override
        public void destroy() {
            serving = true;
        }
    }

    /** Listed in {@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable}. */
    public static final class Discovery implements AutoDiscoverable {

        @Override
        public void configure(FeatureContext context) {
            if (!context.getConfiguration().isRegistered(SharedRestObjectMapper.class)) {
                context.register(SharedRestObjectMapper.class);
            }
        }
    }
}
