package io.wattline.web.operations;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.type.MethodMetadata;

/**
 * Builds the OpenAPI description ({@code /v3/api-docs}, springdoc) on its first request instead of
 * during the start: every springdoc bean is made lazy. Its Jackson 2 object mapper, model converters
 * and operation builders were 0.7 s of the main thread before the web server served (2.2 s on a
 * loaded machine; issue 12, fast start). The description's controller is found by its type, so the
 * route exists from the start; the first {@code /v3/api-docs} request pays the build once.
 */
public final class ApiDescriptionOnFirstUse implements BeanFactoryPostProcessor {

    /** The package whose beans wait for their first use. */
    static final String SPRINGDOC = "org.springdoc.";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition definition = factory.getBeanDefinition(name);
            if (declaredBy(definition).startsWith(SPRINGDOC)) {
                definition.setLazyInit(true);
            }
        }
    }

    /** The class that declares the bean: its factory method's class, else its own class ("" if unknown). */
    static String declaredBy(BeanDefinition definition) {
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata method = annotated.getFactoryMethodMetadata();
            if (method != null) {
                return method.getDeclaringClassName();
            }
        }
        String type = definition.getBeanClassName();
        return type == null ? "" : type;
    }
}
