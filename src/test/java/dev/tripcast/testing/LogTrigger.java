package dev.tripcast.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Fault injection at a logged step of a job that runs in the test JVM: the first time a logger
 * logs a message containing a text, an action runs in the logging thread, before the job goes on
 * (so the fault is in place exactly between that step and the next). The logger is set to INFO
 * for the trigger's lifetime, its events go to the trigger only (not to the console), and
 * {@link #close()} puts the configuration back.
 *
 * <p>For jobs in their own JVM, {@link JobProcess#killWhenLogged} does the same from their log.
 */
public final class LogTrigger implements AutoCloseable {
  private final String loggerName;
  private final AbstractAppender appender;
  private final AtomicBoolean fired = new AtomicBoolean();

  private LogTrigger(Class<?> logger, String text, Runnable action) {
    this.loggerName = logger.getName();
    this.appender = new AbstractAppender("trigger-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        if (event.getMessage().getFormattedMessage().contains(text) && fired.compareAndSet(false, true)) {
          action.run();
        }
      }
    };
  }

  /**
   * Arms a trigger.
   *
   * @param logger the class whose logger logs the step (tripcast's loggers are named by class)
   * @param text a part of the step's message, e.g. "committed scored_trips"
   * @param action what to do there, once
   */
  public static LogTrigger on(Class<?> logger, String text, Runnable action) {
    LogTrigger trigger = new LogTrigger(logger, text, action);
    trigger.appender.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig loggerConfig = new LoggerConfig(trigger.loggerName, Level.INFO, false);
    loggerConfig.addAppender(trigger.appender, Level.INFO, null);
    config.addLogger(trigger.loggerName, loggerConfig);
    context.updateLoggers();
    return trigger;
  }

  /** Whether the step was logged and the action ran. */
  public boolean fired() {
    return fired.get();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(loggerName);
    context.updateLoggers();
    appender.stop();
  }
}
