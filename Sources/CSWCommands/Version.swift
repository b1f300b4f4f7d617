/// The version csw reports and sends in its User-Agent header.
package let cswVersion = "0.1.0"
