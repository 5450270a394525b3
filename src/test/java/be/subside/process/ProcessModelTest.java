package be.subside.process;

import static org.assertj.core.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The models in bpmn/ and forms/ are code: this reads them with the BPMN Model API and checks the rules we keep. */
class ProcessModelTest {

    static final Path BPMN = Path.of("bpmn");
    static final Path FORMS = Path.of("forms");
    /** Every timer waits for one of these deadlines (or a reminder derived from one). */
    static final Set<String> DEADLINE_VARIABLES = Set.of(ProcessVariables.STAGE1_DEADLINE,
            ProcessVariables.STAGE2_DEADLINE, ProcessVariables.STAGE1_REMINDER_AT, ProcessVariables.STAGE2_REMINDER_AT,
            ProcessVariables.MISSING_INFORMATION_DEADLINE);
    /** Ids as Camunda's naming guide has them: a kind prefix, then a meaningful name. */
    static final Pattern ID = Pattern.compile(
            "(StartEvent|EndEvent|Task|Gateway|SequenceFlow|Timer|Event|SubProcess|CallActivity|Message)_[A-Z][A-Za-z0-9]+");
    /** What Camunda Modeler generates when nobody names an element: Flow_0ab12cd, Activity_1xyz9ab, StartEvent_1. */
    static final Pattern GENERATED = Pattern.compile("[A-Za-z]+_([01][0-9a-z]{6}|1)");

    static Map<String, BpmnModelInstance> models = new TreeMap<>();
    static Map<String, JsonNode> forms = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(BPMN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                Bpmn.validateModel(model);
                models.put(file.getFileName().toString(), model);
            }
        }
        try (Stream<Path> files = Files.list(FORMS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
                forms.put(file.getFileName().toString(), new ObjectMapper().readTree(file.toFile()));
            }
        }
        assertThat(models).containsOnlyKeys("call-for-projects.bpmn", "grant-application.bpmn",
                "conflict-of-interest-declaration.bpmn");
    }

    static List<Process> processes() {
        return models.values().stream().flatMap(m -> m.getModelElementsByType(Process.class).stream()).toList();
    }

    static <T extends ModelElementInstance> List<T> all(Class<T> type) {
        return models.values().stream().flatMap(m -> m.getModelElementsByType(type).stream()).toList();
    }

    @Test
    void everyProcessIsExecutableWithHistoryTimeToLive() {
        assertThat(processes()).extracting(Process::getId)
                .containsExactlyInAnyOrder(ProcessKeys.CALL_FOR_PROJECTS_PROCESS, ProcessKeys.GRANT_APPLICATION_PROCESS,
                        ProcessKeys.CONFLICT_OF_INTEREST_DECLARATION_PROCESS);
        for (Process process : processes()) {
            assertThat(process.isExecutable()).as(process.getId()).isTrue();
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
            assertThat(process.getName()).as(process.getId()).isNotBlank();
        }
    }

    @Test
    void everyUserTaskHasAFormThatExistsInForms() {
        Set<String> used = new HashSet<>();
        for (UserTask task : all(UserTask.class)) {
            String formRef = task.getCamundaFormRef();
            assertThat(formRef).as("formRef of %s", task.getId()).isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
            JsonNode form = forms.get(formRef + ".form");
            assertThat(form).as("forms/%s.form for %s", formRef, task.getId()).isNotNull();
            assertThat(form.path("id").asText()).isEqualTo(formRef);
            assertThat(task.getCamundaAssignee() != null || task.getCamundaCandidateGroups() != null)
                    .as("%s is assigned or offered to a group", task.getId()).isTrue();
            used.add(formRef + ".form");
        }
        assertThat(used).as("every form is used by a user task").containsExactlyInAnyOrderElementsOf(forms.keySet());
    }

    @Test
    void everyTimerIsBoundToADeadlineVariable() {
        List<TimerEventDefinition> timers = all(TimerEventDefinition.class);
        // a draft has no stage-1 deadline timer of its own: the call's one closes all its drafts in batches
        assertThat(timers).hasSize(6);
        for (TimerEventDefinition timer : timers) {
            String owner = ((BaseElement) timer.getParentElement()).getId();
            assertThat(timer.getTimeDuration()).as(owner).isNull();
            assertThat(timer.getTimeCycle()).as(owner).isNull();
            String expression = timer.getTimeDate().getTextContent().strip();
            assertThat(expression).as(owner).matches("\\$\\{\\w+}");
            assertThat(DEADLINE_VARIABLES).as(owner).contains(expression.substring(2, expression.length() - 1));
        }
    }

    @Test
    void everyElementNamedInCodeExistsInItsProcess() throws IllegalAccessException {
        BpmnModelInstance application = models.get("grant-application.bpmn");
        BpmnModelInstance call = models.get("call-for-projects.bpmn");
        for (Map.Entry<Class<?>, BpmnModelInstance> entry : Map.<Class<?>, BpmnModelInstance>of(
                ProcessKeys.Application.class, application, ProcessKeys.CallProcess.class, call,
                ProcessKeys.Declaration.class, models.get("conflict-of-interest-declaration.bpmn")).entrySet()) {
            for (String id : constants(entry.getKey())) {
                assertThat((Object) entry.getValue().getModelElementById(id)).as(id).isNotNull();
            }
        }
        assertThat(application.getModelElementsByType(Message.class)).extracting(Message::getName)
                .containsExactly(ProcessKeys.MESSAGE_SELECTION_PUBLISHED, ProcessKeys.MESSAGE_STAGE1_CLOSED);
        assertThat(call.<org.camunda.bpm.model.bpmn.instance.ServiceTask>getModelElementById(
                ProcessKeys.CallProcess.TASK_CLOSE_EXPIRED_DRAFTS).isCamundaAsyncBefore())
                .as("each closing batch is a job of its own").isTrue();
        for (String id : new String[] {"Task_SubmitPreliminaryDossier", "Task_ProvideMissingInformation",
            "Task_SubmitSubsidyRequest"}) {
            assertThat(CamundaApplicationWorkflow.activityOf(be.subside.application.ApplicantTask.values()[
                    List.of("Task_SubmitPreliminaryDossier", "Task_ProvideMissingInformation",
                            "Task_SubmitSubsidyRequest").indexOf(id)])).isEqualTo(id);
            assertThat(application.<UserTask>getModelElementById(id).getCamundaAssignee()).isEqualTo("${applicantUserId}");
        }
    }

    @Test
    void idsAreMeaningfulNeverGenerated() {
        assertThat(List.of("Flow_1k2j3h4", "Activity_0x9abcd", "StartEvent_1", "Gateway_0fy7zq2"))
                .allMatch(id -> GENERATED.matcher(id).matches());
        List<String> bad = new ArrayList<>();
        for (BpmnModelInstance model : models.values()) {
            for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                if (!ID.matcher(element.getId()).matches() || GENERATED.matcher(element.getId()).matches()) {
                    bad.add(element.getId());
                }
            }
            for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
                if (element.getId() != null && GENERATED.matcher(element.getId()).matches()) {
                    bad.add(element.getId());
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void everyFlowNodeAndFlowIsDrawn() {
        for (BpmnModelInstance model : models.values()) {
            Set<String> shapes = new HashSet<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
            model.getModelElementsByType(BpmnEdge.class).forEach(e -> shapes.add(e.getBpmnElement().getId()));
            for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
                if (element instanceof FlowNode || element instanceof SequenceFlow) {
                    assertThat(shapes).as("diagram of %s", element.getId()).contains(element.getId());
                }
            }
        }
    }

    @Test
    void codeRunsAsSpringBeansNeverAsClassesOrScripts() {
        assertThat(all(ScriptTask.class)).isEmpty();
        assertThat(all(CamundaScript.class)).isEmpty();
        for (ServiceTask task : all(ServiceTask.class)) {
            assertThat(task.getCamundaClass()).as(task.getId()).isNull();
            assertThat(task.getCamundaExpression()).as(task.getId()).isNull();
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-z]\\w+Delegate}");
        }
        for (CamundaTaskListener listener : all(CamundaTaskListener.class)) {
            assertThat(listener.getCamundaClass()).isNull();
            assertThat(listener.getCamundaDelegateExpression()).matches("\\$\\{[a-z]\\w+Listener}");
        }
    }

    /** The bean names the models use; {@link ProcessBeansTest} checks each resolves to a bean of the right kind. */
    static Map<String, Class<?>> beanNames() {
        Map<String, Class<?>> names = new TreeMap<>();
        all(ServiceTask.class).forEach(t -> names.put(bean(t.getCamundaDelegateExpression()),
                org.camunda.bpm.engine.delegate.JavaDelegate.class));
        all(CamundaTaskListener.class).forEach(l -> names.put(bean(l.getCamundaDelegateExpression()),
                org.camunda.bpm.engine.delegate.TaskListener.class));
        return names;
    }

    private static String bean(String expression) {
        return expression.substring(2, expression.length() - 1);
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        assertThat(values).isNotEmpty();
        return values;
    }
}
