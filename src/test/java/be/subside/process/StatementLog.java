package be.subside.process;

import be.subside.BenchSupport;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.List;

/** The SQL that one of the engine's MyBatis statements runs, read from its log, with the parameters put in place. */
final class StatementLog {

    private StatementLog() {
    }

    /**
     * Runs {@code work} with the DEBUG log of the engine statement {@code entityAndStatement} (as
     * {@code "TaskEntity.selectTaskByQueryCriteria"}) captured; returns the SQL it last ran, parameters inlined.
     */
    static String capture(String entityAndStatement, Runnable work) {
        List<ILoggingEvent> logged;
        try {
            logged = BenchSupport.logged(() -> {
                work.run();
                return null;
            }, "org.camunda.bpm.engine.impl.persistence.entity." + entityAndStatement);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String sql = null;
        String parameters = null;
        for (ILoggingEvent event : logged) {
            String message = event.getFormattedMessage();
            if (message.contains("Preparing:")) {
                sql = message.substring(message.indexOf("Preparing:") + "Preparing:".length()).strip();
            } else if (message.contains("Parameters:")) {
                parameters = message.substring(message.indexOf("Parameters:") + "Parameters:".length()).strip();
            }
        }
        if (sql == null) {
            throw new IllegalStateException(entityAndStatement + " SQL not captured (MyBatis logging not on SLF4J?)");
        }
        return inline(sql, parameters);
    }

    /** Puts MyBatis's logged parameters ("a(String), 3(Integer), null") in place of the statement's placeholders. */
    static String inline(String sql, String parameters) {
        List<String> values = new ArrayList<>();
        if (parameters != null && !parameters.isEmpty()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*?)\\((\\w+)\\)(?:, |$)|null(?:, |$)")
                    .matcher(parameters);
            while (m.find()) {
                if (m.group(2) == null) {
                    values.add("null");
                } else if (m.group(2).equals("String") || m.group(2).equals("Timestamp")) {
                    values.add("'" + m.group(1).replace("'", "''") + "'");
                } else {
                    values.add(m.group(1));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?' && next < values.size()) {
                out.append(values.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
