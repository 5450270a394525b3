package be.subside.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The engine plugins marked {@link EngineTuning} are on by default and off only when the property says false. */
class EngineTuningTest {

    final ApplicationContextRunner plugins = new ApplicationContextRunner()
            .withUserConfiguration(AuthorizedGroups.class, StaffTaskQueryPlans.class);

    @Test
    void tuningPluginsRunUnlessTheStockConfigurationTurnsThemOff() {
        plugins.run(context -> assertThat(context).hasSingleBean(AuthorizedGroups.class)
                .hasSingleBean(StaffTaskQueryPlans.class));
        plugins.withPropertyValues("subside.engine.tuning.enabled=true").run(context -> assertThat(context)
                .hasSingleBean(AuthorizedGroups.class).hasSingleBean(StaffTaskQueryPlans.class));
        plugins.withPropertyValues("subside.engine.tuning.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(AuthorizedGroups.class).doesNotHaveBean(StaffTaskQueryPlans.class));
    }
}
