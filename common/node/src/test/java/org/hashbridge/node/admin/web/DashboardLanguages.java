package org.hashbridge.node.admin.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The node's languages (its one {@code LocaleResolver}, the dashboard's), for slice tests of other pages. */
@TestConfiguration(proxyBeanMethods = false)
@Import(DashboardWeb.class)
public class DashboardLanguages {
}
