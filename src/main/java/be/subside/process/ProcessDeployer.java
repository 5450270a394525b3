package be.subside.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys bpmn/ and forms/ under names that do not depend on where they were read from. The starter's auto-deployment
 * names resources by their location, which differs between target/classes (absolute paths) and the fat jar; on a
 * shared database every switch between the two would then create new process versions. Here the name is the path from
 * bpmn/ or forms/ on, and duplicate filtering deploys a new version only when a model changed. All models go into one
 * deployment so that {@code camunda:formRefBinding="deployment"} finds the forms of the same release.
 */
@Component
class ProcessDeployer extends AbstractProcessEnginePlugin {

    static final String DEPLOYMENT_NAME = "subside";

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);
    private static final String[] FOLDERS = {"bpmn", "forms"};
    private static final String[] PATTERNS = {"classpath*:bpmn/**/*.bpmn", "classpath*:forms/**/*.form"};

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        Map<String, Resource> resources = resources();
        DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        resources.forEach((name, resource) -> {
            try (InputStream in = resource.getInputStream()) {
                builder.addString(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        });
        Deployment deployment = builder.deployWithResult();
        log.info("Deployment '{}' with {} resources: {}", DEPLOYMENT_NAME, resources.size(), deployment.getId());
    }

    static Map<String, Resource> resources() {
        Map<String, Resource> byName = new TreeMap<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String pattern : PATTERNS) {
            try {
                for (Resource resource : resolver.getResources(pattern)) {
                    String name = stableName(resource.getURL().toString());
                    if (byName.putIfAbsent(name, resource) != null) {
                        throw new IllegalStateException("Two resources on the classpath are named " + name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + pattern, e);
            }
        }
        return byName;
    }

    /**
     * The path from the last bpmn/ or forms/ folder on: the same for a file in target/classes and for an entry of the
     * fat jar ({@code jar:nested:/app.jar/!BOOT-INF/classes/!/bpmn/x.bpmn}).
     */
    static String stableName(String url) {
        int best = -1;
        for (String folder : FOLDERS) {
            best = Math.max(best, url.lastIndexOf("/" + folder + "/"));
        }
        if (best < 0) {
            throw new IllegalArgumentException("Not under bpmn/ or forms/: " + url);
        }
        return url.substring(best + 1);
    }
}
