package org.hashbridge.node.consent.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What every page of the resident page shares: its header (which node, whether someone is signed in). Its languages
 * are the dashboard's: the node's one {@code LocaleResolver} (the node's first language by default, a cookie keeps
 * the choice), and the same {@code ?lang=} switch, which the dashboard's configuration applies to both.
 */
@Configuration(proxyBeanMethods = false)
class ResidentPageWeb {

    @Bean
    WebMvcConfigurer residentPages(NodeProperties node) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new PageHeader(node.operator())).addPathPatterns("/resident", "/resident/**");
            }
        };
    }

    /** Which node, and whether a resident is signed in (never who: the page does not show their identifier). */
    private record PageHeader(String operator) implements HandlerInterceptor {
        @Override
        public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                               ModelAndView page) {
            if (page != null && !(page.getView() instanceof RedirectView)
                    && (page.getViewName() == null || !page.getViewName().startsWith("redirect:"))) {
                page.addObject("operator", operator);
                page.addObject("signedIn", request.getUserPrincipal() != null);
            }
        }
    }
}
