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
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What every page of the resident page shares: the node's languages, through the node's one {@code LocaleResolver}
 * (the dashboard's: the node's first language by default, {@code ?lang=} switches and a cookie keeps the choice), and
 * its header (which node, whether someone is signed in).
 */
@Configuration(proxyBeanMethods = false)
class ResidentPageWeb {

    @Bean
    WebMvcConfigurer residentPages(NodeProperties node) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                LocaleChangeInterceptor change = new LocaleChangeInterceptor();
                change.setParamName("lang");
                change.setIgnoreInvalidLocale(true);
                registry.addInterceptor(change).addPathPatterns("/resident", "/resident/**");
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
