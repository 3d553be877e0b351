// GOV.UK Frontend: mark the page as having JavaScript before it paints (a file, not inline script, for the CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
