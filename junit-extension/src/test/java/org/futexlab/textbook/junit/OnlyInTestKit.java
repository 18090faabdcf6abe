package org.futexlab.textbook.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sample classes fail on purpose; they run only when a test drives them through the test kit with the
 * configuration parameter {@code futex.samples=true}, never on their own in an IDE or under Surefire.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyInTestKit.Condition.class)
@interface OnlyInTestKit {
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter("futex.samples").filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("driven by a test")
                    : ConditionEvaluationResult.disabled("a sample of deliberate failures; see KernelScenarioTest");
        }
    }
}
