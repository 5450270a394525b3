package be.subside.process;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Refuses at deployment, whoever deploys, any BPMN model that would run a script: script tasks, camunda:script in
 * listeners or input/output mappings, scripted conditions. Our models call Spring beans by expression and never
 * script; no script engine is on the classpath either, but a deployment that needs one must fail at once, with a
 * clear 400, not later at run time. A model with a DTD (the way to external entities, XXE) is refused the same way;
 * the engine's own parser has XXE processing off as well, set again here so that no configuration turns it on.
 */
@Component
class NoScripts extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(NoScripts::check);
        configuration.setCustomPreDeployers(deployers);
        configuration.setEnableXxeProcessing(false);
    }

    static void check(DeploymentEntity deployment) {
        if (deployment.getResources() == null) {
            return;
        }
        for (ResourceEntity resource : deployment.getResources().values()) {
            String name = resource.getName() == null ? "" : resource.getName();
            if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
                refuseScripts(read(resource.getBytes(), name), name);
            }
        }
    }

    /** The model's XML, read without DTDs or external entities; a model that cannot be so read is refused. */
    private static Element read(byte[] xml, String resource) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            throw new BadUserRequestException("The deployment is refused: " + resource
                    + " is not a BPMN model readable without DTD or external entities (" + e.getMessage() + ")");
        }
    }

    private static void refuseScripts(Element element, String resource) {
        String local = element.getLocalName();
        boolean script = "scriptTask".equals(local) || "script".equals(local) || element.hasAttribute("scriptFormat")
                || ("conditionExpression".equals(local) || "condition".equals(local)) && element.hasAttribute("language");
        if (script) {
            throw new BadUserRequestException("The deployment is refused: " + resource + " contains a script ("
                    + local + (element.hasAttribute("id") ? " " + element.getAttribute("id") : "")
                    + "); models here call services by expression only");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                refuseScripts(e, resource);
            }
        }
    }
}
