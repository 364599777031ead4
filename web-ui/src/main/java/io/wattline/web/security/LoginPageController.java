package io.wattline.web.security;

import io.wattline.web.WattlineProperties;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The login page (English and Chinese), rendered here because its form must carry the session's
 * CSRF token; says why the last attempt failed, and on the demo which user to sign in as.
 */
@RestController
public class LoginPageController {

    private final boolean demo;

    public LoginPageController(WattlineProperties properties) {
        this.demo = properties.demo();
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public Mono<String> login(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        var params = exchange.getRequest().getQueryParams();
        String notice = params.containsKey("error")
                ? "<p class=\"login-error\" role=\"alert\" id=\"login-error\">Wrong user name or password · 用户名或密码错误</p>"
                : params.containsKey("throttled")
                ? "<p class=\"login-error\" role=\"alert\" id=\"login-error\">Too many failed sign-ins: wait a minute"
                        + " · 登录失败次数过多，请稍后再试</p>"
                : params.containsKey("logout") ? "<p class=\"login-note\" id=\"login-note\">Signed out · 已退出</p>" : "";
        String demoHint = demo ? "<p class=\"login-note\" id=\"demo-user\">Demo: user <b>" + FirstStartUsers.DEMO_USER
                + "</b>, password <b>" + FirstStartUsers.DEMO_PASSWORD + "</b> · 演示账号：" + FirstStartUsers.DEMO_USER
                + " / " + FirstStartUsers.DEMO_PASSWORD + "</p>" : "";
        return (token == null ? Mono.<CsrfToken>empty() : token).map(t -> hidden(t)).defaultIfEmpty("")
                .map(hidden -> page(notice, demoHint, hidden));
    }

    private static String hidden(CsrfToken t) {
        return "<input type=\"hidden\" name=\"" + html(t.getParameterName()) + "\" value=\"" + html(t.getToken()) + "\">";
    }

    private static String page(String notice, String demoHint, String hidden) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Wattline · Sign in · 登录</title>
                  <link rel="icon" href="favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="app.css">
                </head>
                <body class="login-body">
                  <main class="login">
                    <h1><span class="logo" aria-hidden="true">W</span> Wattline</h1>
                    %s
                    <form method="post" action="/login" id="login-form">
                      <label>User · 用户名 <input name="username" id="username" autocomplete="username" required autofocus></label>
                      <label>Password · 密码 <input name="password" id="password" type="password"
                        autocomplete="current-password" required></label>
                      %s
                      <button type="submit" id="sign-in">Sign in · 登录</button>
                    </form>
                    %s
                  </main>
                </body>
                </html>
                """.formatted(notice, hidden, demoHint);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
