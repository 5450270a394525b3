package be.subside;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * The Camunda webapps keep their runtime delegates in static fields, set when a web application starts and set to null
 * when one stops. StableDeploymentTest and PostgresProfileTest start and stop applications of their own beside the
 * shared test context; after them, the shared context's webapps answer 500 (a NullPointerException in Admin, Tasklist
 * or Cockpit) to the request that first initialises their Jersey servlets. Tests that use the webapps call this first,
 * so that they do not depend on which tests ran before. A deployed application runs one context: this is for tests.
 */
public final class CamundaWebapps {

    private CamundaWebapps() {
    }

    public static void restoreRuntimeDelegates() {
        if (Admin.getRuntimeDelegate() == null) {
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        }
        if (Cockpit.getRuntimeDelegate() == null) {
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        }
        if (Welcome.getRuntimeDelegate() == null) {
            Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
        }
    }
}
