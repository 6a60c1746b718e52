package org.hashbridge.node.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The dashboard's three languages: English, Traditional Chinese (Hong Kong) and Simplified Chinese
 * (mainland). The node's default is the first of {@code hashbridge.node.languages} that the dashboard has;
 * {@code ?lang=} switches and a cookie remembers the choice. Any other language asked for is the default.
 */
@Configuration(proxyBeanMethods = false)
class DashboardLocales implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.forLanguageTag("en"), Locale.forLanguageTag("zh-HK"),
            Locale.forLanguageTag("zh-CN"));

    private final Locale fallback;

    DashboardLocales(NodeProperties node) {
        this.fallback = node.languages().stream().map(Locale::forLanguageTag).map(DashboardLocales::supported)
                .filter(java.util.Objects::nonNull).findFirst().orElse(SUPPORTED.get(0));
    }

    static Locale supported(Locale asked) {
        return SUPPORTED.stream().filter(l -> l.equals(asked)).findFirst()
                .or(() -> SUPPORTED.stream().filter(l -> l.getLanguage().equals(asked.getLanguage())
                        && l.getCountry().isEmpty() && asked.getCountry().isEmpty()).findFirst())
                .orElse(null);
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("hashbridge-lang") {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale == null ? null : orFallback(locale));
            }

            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return orFallback(super.resolveLocale(request));
            }
        };
        resolver.setDefaultLocale(fallback);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setCookiePath("/admin");
        return resolver;
    }

    private Locale orFallback(Locale locale) {
        Locale known = supported(locale);
        return known == null ? fallback : known;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/admin/**");
    }
}
