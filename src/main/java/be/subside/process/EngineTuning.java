package be.subside.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks an engine plugin that tunes the stock engine for staff task queries at scale. Such plugins are on unless
 * {@code subside.engine.tuning.enabled=false}, which the benchmarks' stock configuration sets to measure the stock
 * engine against them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "subside.engine.tuning.enabled", matchIfMissing = true)
@interface EngineTuning {
}
