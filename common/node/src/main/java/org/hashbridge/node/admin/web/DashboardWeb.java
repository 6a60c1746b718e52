package org.hashbridge.node.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What every dashboard page shares: its three languages (English, Traditional Chinese for Hong Kong and
 * Simplified Chinese for the mainland) and its header (which node, who is signed in). The node's default
 * language is the first of {@code hashbridge.node.languages} that the dashboard has; {@code ?lang=} switches
 * and a cookie remembers the choice; any other language asked for is the default.
 */
@Configuration(proxyBeanMethods = false)
class DashboardWeb {

    static final List<Locale> SUPPORTED = List.of(Locale.forLanguageTag("en"), Locale.forLanguageTag("zh-HK"),
            Locale.forLanguageTag("zh-CN"));

    /** The supported language {@code asked} names, or null. */
    static Locale supported(Locale asked) {
        return SUPPORTED.stream().filter(l -> l.equals(asked)).findFirst()
                .or(() -> SUPPORTED.stream().filter(l -> l.getLanguage().equals(asked.getLanguage())
                        && l.getCountry().isEmpty() && asked.getCountry().isEmpty()).findFirst())
                .orElse(null);
    }

    @Bean
    LocaleResolver localeResolver(NodeProperties node) {
        Locale fallback = node.languages().stream().map(Locale::forLanguageTag).map(DashboardWeb::supported)
                .filter(Objects::nonNull).findFirst().orElse(SUPPORTED.get(0));
        CookieLocaleResolver resolver = new CookieLocaleResolver("hashbridge-lang") {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale == null ? null : orElse(locale, fallback));
            }

            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return orElse(super.resolveLocale(request), fallback);
            }
        };
        resolver.setDefaultLocale(fallback);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        // a cookie the resolver cannot read (planted, or edited) is the caller's to lose, never a 500 on every page
        resolver.setRejectInvalidCookies(false);
        resolver.setCookieSameSite("Lax");
        // the resident page (/resident) speaks the same languages and keeps the same choice
        resolver.setCookiePath("/");
        return resolver;
    }

    private static Locale orElse(Locale locale, Locale fallback) {
        Locale known = supported(locale);
        return known == null ? fallback : known;
    }

    /** The language switch and the header's model, on the dashboard's pages only. */
    @Bean
    WebMvcConfigurer dashboardPages(NodeProperties node) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                LocaleChangeInterceptor change = new LocaleChangeInterceptor();
                change.setParamName("lang");
                change.setIgnoreInvalidLocale(true);
                // the resident page (consent.web) switches languages the same way
                registry.addInterceptor(change).addPathPatterns("/admin/**", "/resident", "/resident/**");
                registry.addInterceptor(new PageHeader(node.operator())).addPathPatterns("/admin/**");
            }
        };
    }

    /** Which node, and who is signed in: every page's header shows both. */
    private record PageHeader(String operator) implements HandlerInterceptor {
        @Override
        public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                               ModelAndView page) {
            if (page != null && !(page.getView() instanceof RedirectView)) {
                page.addObject("operator", operator);
                page.addObject("signedIn", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName());
            }
        }
    }
}
