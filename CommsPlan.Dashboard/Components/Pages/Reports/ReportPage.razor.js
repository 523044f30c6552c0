// Downloads and clipboard for /reports.

// Fetches the workbook (or the Word report: contentType says which) and saves it. The server builds the whole file before it answers, so fetching (rather
// than following a link) lets the page keep its progress indicator until the file is really in hand.
export async function download(url, contentType) {
    let response;
    try {
        response = await fetch(url, { credentials: 'same-origin', headers: { Accept: `${contentType}, application/problem+json` } });
    } catch {
        return { ok: false, message: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.' };
    }
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith(contentType)) {
        return { ok: false, message: await reason(response, type) };
    }
    const blob = await response.blob();
    const name = fileName(response.headers.get('Content-Disposition')) || 'BaoCao_TruyenThong_TTHC';
    const href = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = href;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; free the memory a while later.
    setTimeout(() => URL.revokeObjectURL(href), 60000);
    return { ok: true, fileName: name, size: blob.size };
}

async function reason(response, type) {
    if (response.redirected || type.startsWith('text/html')) {
        return 'Phiên đăng nhập đã hết hạn. Vui lòng tải lại trang và đăng nhập lại.';
    }
    try {
        const problem = await response.json();
        if (problem && problem.detail) return problem.detail;
    } catch {
        // Not a problem document: fall through to the status.
    }
    return `Không tạo được tệp (mã lỗi ${response.status}).`;
}

function fileName(disposition) {
    if (!disposition) return null;
    const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (star) return decodeURIComponent(star[1].trim());
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1].trim() : null;
}

// Copies text; the textarea fallback covers browsers that refuse the asynchronous clipboard.
export async function copyText(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        const area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        const done = document.execCommand('copy');
        area.remove();
        return done;
    }
}
